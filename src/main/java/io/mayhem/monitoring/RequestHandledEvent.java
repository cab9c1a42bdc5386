package io.mayhem.monitoring;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Flight-recorder event per handled request: begins when handling starts, committed at the ack, so its
 * duration is the handling time.
 */
@Name("mayhem.RequestHandled")
@Label("Request Handled")
@Category({"Mayhem", "Handling"})
@Description("One restart request, from the start of handling to its ack")
@StackTrace(false)
public class RequestHandledEvent extends jdk.jfr.Event {

    @Label("Message Id")
    public String messageId;

    @Label("Outcome")
    @Description("DONE or FAILED")
    public String outcome;

    @Label("Restart Attempts")
    public int attempts;
}
