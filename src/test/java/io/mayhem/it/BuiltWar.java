package io.mayhem.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR the build made (the file every server deploys), as the container tests' deployment, at context root /. */
final class BuiltWar {

    private BuiltWar() {
    }

    static WebArchive asRoot() {
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war")
                .importFrom(new File(System.getProperty("mayhem.war"))).as(WebArchive.class);
    }
}
