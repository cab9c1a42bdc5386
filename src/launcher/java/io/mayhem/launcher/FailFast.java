package io.mayhem.launcher;

import io.mayhem.logging.LogFormat;

/**
 * Starts Payara Micro and ends the process with status 1 when it cannot start. Payara Micro's own main
 * ({@code fish.payara.micro.PayaraMicro}) logs a failed start ("Failed to start, exiting") and returns, so the
 * JVM exits with 0, or stays up while a non-daemon thread lives; an orchestrator then sees success or nothing.
 * This calls the launcher that main delegates to, which throws instead. The run command starts it as
 * {@code -jar mayhem-launcher.jar}; that jar's manifest names payara-micro.jar on its class path and repeats its
 * Add-Opens and Add-Exports (docs/decisions/0022-a-start-that-fails-exits-non-zero.md). With
 * {@code MAYHEM_LOG_FORMAT=json} it first installs the JSON log format ({@link JsonLogs}).
 */
public final class FailFast {

    private FailFast() {
    }

    /**
     * @param args Payara Micro's own arguments, unchanged
     */
    public static void main(String[] args) {
        try {
            if (LogFormat.ofProcess() == LogFormat.JSON) {
                JsonLogs.install(args);
            }
        } catch (Exception e) {
            System.err.println("Cannot start: " + e.getMessage());
            System.exit(1);
        }
        try {
            fish.payara.micro.boot.PayaraMicroLauncher.main(args);
        } catch (Exception | LinkageError e) {
            System.err.println("Payara Micro failed to start; exiting with status 1: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }
}
