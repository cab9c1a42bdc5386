package io.mayhem.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python clients of {@link PythonPublishersIT}, pinned, in a virtual environment under target/python-clients:
 * {@code python3 -m venv --system-site-packages}, then {@code pip install} the pinned versions from the package
 * index. Where pip cannot reach one, the same versions installed as the system's packages (Debian's python3-stomp
 * and python3-qpid-proton, which scripts/install-python-clients.sh installs) are what the environment sees; either
 * way the versions imported are checked against the pins, and anything else fails with pip's own output.
 */
final class PythonClients {

    /** Debian 12's versions, so that both ways give the same clients. */
    static final String STOMP_PY = "8.0.0";
    static final String QPID_PROTON = "0.37.0";
    private static final Path VENV = Path.of("target", "python-clients");
    private static final Path LOG = Path.of("target", "system", "python-clients.log");

    /** The environment's python and where its clients came from. */
    record Installed(Path python, String source) {
    }

    private PythonClients() {
    }

    static Installed install() throws IOException, InterruptedException {
        Files.createDirectories(LOG.getParent());
        Files.writeString(LOG, "");
        Path python = VENV.resolve("bin").resolve("python");
        if (!Files.isExecutable(python)) {
            Result venv = run(List.of(basePython(), "-m", "venv", "--system-site-packages", VENV.toString()));
            if (venv.exit != 0) {
                throw new AssertionError("python3 -m venv failed (exit " + venv.exit + "; Debian needs python3-venv, "
                        + "scripts/install-python-clients.sh): " + venv.output);
            }
        }
        Result pip = run(List.of(python.toString(), "-m", "pip", "install", "--disable-pip-version-check",
                "--retries", "1", "--timeout", "30", "stomp.py==" + STOMP_PY, "python-qpid-proton==" + QPID_PROTON));
        Result versions = run(List.of(python.toString(), "-c",
                "import stomp, proton; print('%d.%d.%d %d.%d.%d' % (tuple(stomp.__version__) + tuple(proton.VERSION)))"));
        String expected = STOMP_PY + " " + QPID_PROTON;
        if (versions.exit == 0 && versions.output.strip().equals(expected)) {
            return new Installed(python, pip.exit == 0 ? "pip"
                    : "the system's packages (pip could not install: " + lastLine(pip.output) + ")");
        }
        throw new AssertionError("The Python clients are not there: pip install stomp.py==" + STOMP_PY
                + " python-qpid-proton==" + QPID_PROTON + " exited " + pip.exit + " (" + lastLine(pip.output)
                + "), and the environment imports " + (versions.exit == 0 ? "versions " + versions.output.strip()
                : "no client: " + lastLine(versions.output)) + ", not " + expected + ". Give pip a package index, or "
                + "run scripts/install-python-clients.sh (Debian's python3-stomp and python3-qpid-proton). Log: " + LOG);
    }

    /** The Python that makes the environment: mayhem.st.python, else Debian's (it sees Debian's packages), else python3. */
    private static String basePython() {
        String given = System.getProperty("mayhem.st.python");
        if (given != null && !given.isBlank()) {
            return given;
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("python-clients", ".txt");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("Still running after 5 minutes: " + command);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.writeString(LOG, "$ " + String.join(" ", command) + "\n" + text + "exit " + process.exitValue()
                    + "\n", java.nio.file.StandardOpenOption.APPEND);
            return new Result(process.exitValue(), text);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }
}
