/**
 * The optional JSON log format (docs/operations.md "Logs"): {@code LogFormat} (the switch, {@code mayhem.log.format}
 * or {@code MAYHEM_LOG_FORMAT}), {@code JsonLogFormatter} (one JSON object per line, with the request's
 * {@code message_id} as a field), {@code JsonLogHandler} and {@code PrintedLines} (log records and printed lines
 * to the process's standard output, {@code StandardOutput}). Core, and plain JDK only: the build compiles this
 * package into mayhem-launcher.jar as well, which installs it before Payara Micro starts; the WAR uses it for the
 * shutdown lines.
 */
package io.mayhem.logging;
