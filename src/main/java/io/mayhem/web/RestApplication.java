package io.mayhem.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS resources live under /api. */
@ApplicationPath("api")
public class RestApplication extends Application {
}
