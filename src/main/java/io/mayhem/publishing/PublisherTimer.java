package io.mayhem.publishing;

import io.mayhem.lifecycle.MayhemService;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;

/** Fires every second and asks the publisher for mayhem.publisher.rate requests; only triggers. */
// Depends on MayhemService so that it stops first at shutdown.
@Singleton
@Startup
@DependsOn("MayhemService")
public class PublisherTimer {

    @Inject
    MayhemService service;

    @Resource
    TimerService timers;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "mayhem-publisher")
    void tick() {
        service.publishTick();
    }

    @PreDestroy
    void stop() {
        timers.getTimers().forEach(Timer::cancel);
    }
}
