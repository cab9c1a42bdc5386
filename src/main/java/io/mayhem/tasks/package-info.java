/**
 * Executors and time for the core: group commit, the tracked work executor, the work pools on managed threads,
 * periodic tasks and the scheduler abstraction. Core, apart from the managed-executor adapter {@code ExecutorScheduler}.
 */
package io.mayhem.tasks;
