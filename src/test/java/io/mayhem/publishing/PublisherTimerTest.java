package io.mayhem.publishing;

import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mayhem.tasks.PeriodicWork;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerService;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

class PublisherTimerTest {

    PublisherTimer timer = new PublisherTimer();

    @Test
    void eachTickStartsThePeriodicWorkAndPublishesAndStopCancelsTheTimers() {
        timer.publisher = mock(Publisher.class);
        timer.periodic = mock(PeriodicWork.class);
        timer.timers = mock(TimerService.class);
        Timer scheduled = mock(Timer.class);
        when(timer.timers.getTimers()).thenReturn(List.of(scheduled));

        timer.tick();
        timer.stop();

        InOrder order = inOrder(timer.periodic, timer.publisher);
        order.verify(timer.periodic).ensureStarted();
        order.verify(timer.publisher).tick();
        verify(scheduled).cancel();
    }
}
