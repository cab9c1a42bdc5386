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

    /**
     * The built WAR served at another context root (its glassfish-web.xml says / and is rewritten here), as an
     * operator who deploys it beside other applications would.
     */
    static WebArchive at(String contextRoot) {
        WebArchive war = ShrinkWrap.create(ZipImporter.class, contextRoot.substring(1) + ".war")
                .importFrom(new File(System.getProperty("mayhem.war"))).as(WebArchive.class);
        String descriptor;
        try (var in = war.get("WEB-INF/glassfish-web.xml").getAsset().openStream()) {
            descriptor = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (!descriptor.contains("<context-root>/</context-root>")) {
            throw new IllegalStateException("the WAR's glassfish-web.xml no longer says context root /");
        }
        war.delete("WEB-INF/glassfish-web.xml");
        return war.addAsWebInfResource(new org.jboss.shrinkwrap.api.asset.StringAsset(descriptor.replace(
                "<context-root>/</context-root>", "<context-root>" + contextRoot + "</context-root>")), "glassfish-web.xml");
    }
}
