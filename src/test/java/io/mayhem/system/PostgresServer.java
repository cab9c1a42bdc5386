package io.mayhem.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, on its own port and in a fresh data directory, made with the
 * machine's initdb and pg_ctl (Debian: the postgresql package). As root it runs them as the postgres user,
 * since PostgreSQL refuses to run as root. Trust authentication, or password authentication (SCRAM) when made
 * with a password; listening on 127.0.0.1 only.
 */
final class PostgresServer implements AutoCloseable {

    static final String USER = "mayhem";
    static final String DATABASE = "mayhem";

    private final Path dir;
    private final int port;
    private final boolean asPostgres;
    private final String password;

    private PostgresServer(Path dir, int port, boolean asPostgres, String password) {
        this.dir = dir;
        this.port = port;
        this.asPostgres = asPostgres;
        this.password = password;
    }

    /** initdb in a new temporary directory (readable by the postgres user, unlike a build directory may be). */
    static PostgresServer create(int port) throws IOException, InterruptedException {
        return create(port, "");
    }

    /**
     * The same, every connection authenticated with this password (SCRAM), or with none when it is empty (trust).
     * initdb reads the password from a file that is deleted once it has run.
     */
    static PostgresServer create(int port, String password) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("mayhem-pg-");
        PostgresServer server = new PostgresServer(dir, port, root, password);
        if (root) {
            server.run(List.of("chown", "postgres:", dir.toString()), false);
        }
        List<String> initdb = new ArrayList<>(List.of(binary("initdb"), "-D", dir.resolve("data").toString(), "-U", USER,
                "-E", "UTF8", "--no-sync"));
        Path passwordFile = dir.resolve("password");
        if (password.isEmpty()) {
            initdb.add("--auth=trust");
        } else {
            Files.writeString(passwordFile, password);
            if (root) {
                server.run(List.of("chown", "postgres:", passwordFile.toString()), false);
            }
            initdb.addAll(List.of("--auth=scram-sha-256", "--pwfile=" + passwordFile));
        }
        try {
            server.run(initdb, true);
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        return server;
    }

    void start() throws IOException, InterruptedException {
        run(List.of(binary("pg_ctl"), "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start"), true);
    }

    /** A fast shutdown, as an operator's stop or a failover does: open connections are cut. */
    void stop() throws IOException, InterruptedException {
        run(List.of(binary("pg_ctl"), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "60", "stop"), true);
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(DATABASE), USER, password);
    }

    void createDatabase() throws SQLException {
        try (Connection admin = DriverManager.getConnection(url("postgres"), USER, password);
             var statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (Files.exists(dir.resolve("data/postmaster.pid"))) {
            run(List.of(binary("pg_ctl"), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"), true);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void run(List<String> command, boolean postgresUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (postgresUser && asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path log = dir.resolve("commands.log");
        Process process = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!process.waitFor(Duration.ofSeconds(90).toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", full) + " failed:\n" + Files.readString(log));
        }
    }

    /** On the PATH, or where Debian's postgresql package puts it. */
    private static String binary(String name) throws IOException {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, name))) {
                return Path.of(entry, name).toString();
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var found = versions.map(v -> v.resolve("bin").resolve(name)).filter(Files::isExecutable)
                        .max(Comparator.naturalOrder());
                if (found.isPresent()) {
                    return found.get().toString();
                }
            }
        }
        throw new IllegalStateException(name + " not found: the database outage test starts a PostgreSQL server of "
                + "its own; install the server binaries (Debian/Ubuntu: apt-get install postgresql)");
    }
}
