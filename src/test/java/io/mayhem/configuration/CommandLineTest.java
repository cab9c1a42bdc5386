package io.mayhem.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void splitsAtCommasKeepsEscapedOnesAndDropsSurroundingSpaces() {
        assertThat(CommandLine.parse("ssh, {hostname} ,sudo,systemctl,restart,app").arguments())
                .containsExactly("ssh", "{hostname}", "sudo", "systemctl", "restart", "app");
        assertThat(CommandLine.parse("/opt/restart.sh,--units=app\\,db,{instance_name}").arguments())
                .containsExactly("/opt/restart.sh", "--units=app,db", "{instance_name}");
        assertThat(CommandLine.parse("reboot").arguments()).containsExactly("reboot");
    }

    @Test
    void substitutesEachPlaceholderAsOneWholeArgumentWhateverTheValueHolds() {
        CommandLine line = CommandLine.parse("ssh,{hostname},sudo,restart,{instance_name},--,{hostname}");
        for (String value : List.of("a b", "x,y", "--force", "-oProxyCommand=touch /tmp/x", "$(reboot)", "'q\"", "{hostname}",
                "", "a\nb", "\\,")) {
            List<String> command = line.substitute(value + ".example.net", value);

            assertThat(command).containsExactly("ssh", value + ".example.net", "sudo", "restart", value, "--",
                    value + ".example.net");
        }
    }

    @Test
    void refusesAnEmptyCommandNamingTheKey() {
        assertThatThrownBy(() -> CommandLine.parse(null)).hasMessageStartingWith("mayhem.restarter.command must be set");
        assertThatThrownBy(() -> CommandLine.parse("  ")).hasMessageStartingWith("mayhem.restarter.command must be set");
        assertThatThrownBy(() -> CommandLine.parse(",ssh")).hasMessageStartingWith("mayhem.restarter.command must name a program");
        assertThatThrownBy(() -> new CommandLine(List.of())).hasMessageStartingWith("mayhem.restarter.command must name a program");
    }

    @Test
    void refusesAnEmptyArgument() {
        assertThatThrownBy(() -> CommandLine.parse("ssh,,{hostname}"))
                .hasMessage("mayhem.restarter.command: argument 2 is empty");
        assertThatThrownBy(() -> CommandLine.parse("ssh,{hostname},"))
                .hasMessage("mayhem.restarter.command: argument 3 is empty");
    }

    @Test
    void refusesAPlaceholderInsideAnArgumentOrAsTheProgram() {
        assertThatThrownBy(() -> CommandLine.parse("ssh,root@{hostname},reboot")).hasMessage("mayhem.restarter.command: "
                + "a placeholder must be a whole argument, but argument 2 is 'root@{hostname}' (write it as an argument of its own)");
        assertThatThrownBy(() -> CommandLine.parse("restart,--pod={instance_name}"))
                .hasMessageContaining("argument 2 is '--pod={instance_name}'");
        assertThatThrownBy(() -> CommandLine.parse("{hostname},reboot"))
                .hasMessage("mayhem.restarter.command: the first argument is the program, not a placeholder: {hostname}");
    }

    @Test
    void refusesAnUnknownPlaceholderButTakesOtherBraces() {
        assertThatThrownBy(() -> CommandLine.parse("ssh,{host},reboot")).hasMessage("mayhem.restarter.command: unknown "
                + "placeholder {host} (argument 2); the placeholders are {hostname} and {instance_name}");
        assertThat(CommandLine.parse("awk,{print $1},{hostname}").arguments()).containsExactly("awk", "{print $1}", "{hostname}");
    }
}
