package io.mayhem.monitoring;

import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Flight-recorder event per lease extension. */
@Name("mayhem.LeaseExtended")
@Label("Lease Extended")
@Category({"Mayhem", "Leases"})
@StackTrace(false)
public class LeaseExtendedEvent extends jdk.jfr.Event {

    @Label("Message Id")
    public String messageId;

    @Label("Extended Count")
    public int extendedCount;
}
