/**
 * Executors and time for the core: group commit, the tracked work executor, the work pools on managed threads,
 * the periodic work (started late, re-armed), periodic tasks and the scheduler abstraction. Core: the managed
 * executors themselves are handed in by {@code lifecycle.ManagedExecutors}.
 */
package io.mayhem.tasks;
