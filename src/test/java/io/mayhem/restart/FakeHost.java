package io.mayhem.restart;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process standing in for a host in {@link CommandHostRestarterTest}: listens on a loopback port and answers
 * every connection with its pid and a line feed. Started as its own JVM.
 *
 * <p>Arguments: the port, the file to write its pid to, and optionally a FIFO to write "ready PID" into once it listens.
 */
public final class FakeHost {

    private FakeHost() {
    }

    public static void main(String[] args) throws IOException {
        long pid = ProcessHandle.current().pid();
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])));
            Files.writeString(Path.of(args[1]), Long.toString(pid));
            if (args.length > 2) {
                Files.writeString(Path.of(args[2]), "ready " + pid + "\n");
            }
            while (true) {
                try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
                    out.write((pid + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
    }
}
