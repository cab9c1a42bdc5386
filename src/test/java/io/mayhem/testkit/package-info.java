/**
 * The test kit: stand-ins for the core's executor, scheduler, clock, randomness, ids, logs and flight
 * recorder, so concurrent code is tested without threads or sleeps (docs/testing.md "The test kit").
 *
 * <p>The asyncio original tested its coroutines with asynctest and pytest-asyncio mocks, a patched
 * {@code asyncio.sleep}, {@code loop.run_until_complete} and pytest's {@code caplog}; here
 * {@link io.mayhem.testkit.ManualExecutor}, {@link io.mayhem.testkit.VirtualScheduler},
 * {@link io.mayhem.testkit.LogCapture}, {@link io.mayhem.testkit.ScriptedRandom},
 * {@link io.mayhem.testkit.SequentialIds} and {@link io.mayhem.testkit.FlightEvents} stand for them.
 *
 * <p>The build publishes this package alone as its own jar, {@code io.mayhem:mayhem-mandrill:<version>:testkit}
 * (a test-jar with classifier {@code testkit}), next to the application's classes,
 * {@code io.mayhem:mayhem-mandrill:<version>:classes}, which {@code VirtualScheduler} needs for the
 * {@code Scheduler} interface it implements. docs/examples/testkit-example is a project that uses both. Copying
 * the package works too.
 */
package io.mayhem.testkit;
