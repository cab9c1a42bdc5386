package io.mayhem.it;

import java.lang.management.ManagementFactory;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.ObjectName;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Test-only window on the server's platform MBeanServer, for the container tests that run as a client in
 * another JVM: {@code GET /api/test/mbean?name=mayhem:type=Stats&attribute=Acked} answers the attribute's
 * value as text, 404 when no MBean has that name.
 */
@Path("test/mbean")
public class PlatformMBeans {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String attribute(@QueryParam("name") String name, @QueryParam("attribute") String attribute)
            throws JMException {
        try {
            return String.valueOf(ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(name), attribute));
        } catch (InstanceNotFoundException e) {
            throw new NotFoundException(name);
        }
    }
}
