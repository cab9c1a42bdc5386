package io.mayhem.guardrails;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** {@link KillSwitchControlMXBean} over a {@link KillSwitch}. */
public final class KillSwitchControl implements KillSwitchControlMXBean {

    /** Who a change through JMX is recorded as. */
    static final String JMX = "jmx";

    private final KillSwitch killSwitch;

    public KillSwitchControl(KillSwitch killSwitch) {
        this.killSwitch = killSwitch;
    }

    /** {@code mayhem:type=KillSwitch}. */
    public static ObjectName objectName() {
        try {
            return new ObjectName("mayhem:type=KillSwitch");
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean isPaused() {
        return killSwitch.paused();
    }

    @Override
    public String getChangedBy() {
        String by = killSwitch.state().changedBy();
        return by == null ? "" : by;
    }

    @Override
    public String getChangedAt() {
        var at = killSwitch.state().changedAt();
        return at == null ? "" : at.toString();
    }

    @Override
    public void pause() {
        killSwitch.pause(JMX);
    }

    @Override
    public void resume() {
        killSwitch.resume(JMX);
    }
}
