package io.mayhem.publishing;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mayhem.lifecycle.MayhemService;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerService;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublisherTimerTest {

    PublisherTimer timer = new PublisherTimer();

    @Test
    void eachTickAsksTheServiceToPublishAndStopCancelsTheTimers() {
        timer.service = mock(MayhemService.class);
        timer.timers = mock(TimerService.class);
        Timer scheduled = mock(Timer.class);
        when(timer.timers.getTimers()).thenReturn(List.of(scheduled));

        timer.tick();
        timer.stop();

        verify(timer.service).publishTick();
        verify(scheduled).cancel();
    }
}
