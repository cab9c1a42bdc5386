package io.mayhem.publishing;

import io.mayhem.tasks.PeriodicWork;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;

/**
 * Fires every second: starts the periodic work if it is not running yet and asks the publisher for its
 * requests; only triggers. A tick that comes during the shutdown does nothing: both are stopped by then.
 */
@Singleton
@Startup
public class PublisherTimer {

    @Inject
    Publisher publisher;
    @Inject
    PeriodicWork periodic;

    @Resource
    TimerService timers;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "mayhem-publisher")
    void tick() {
        periodic.ensureStarted();
        publisher.tick();
    }

    @PreDestroy
    void stop() {
        timers.getTimers().forEach(Timer::cancel);
    }
}
