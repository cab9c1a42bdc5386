package io.mayhem.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** web.xml defines the resources the code looks up by JmsResources' names, on the adapter the property names. */
class JmsResourcesTest {

    static final String ADAPTER = "${MPCONFIG=" + JmsResources.RESOURCE_ADAPTER_PROPERTY + ":}";
    static Document webXml;

    @BeforeAll
    static void parse() throws Exception {
        webXml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("src/main/webapp/WEB-INF/web.xml").toFile());
    }

    @Test
    void definesTheConnectionFactoryOnTheConfiguredAdapter() {
        Element factory = single("jms-connection-factory");
        assertThat(text(factory, "name")).isEqualTo(JmsResources.CONNECTION_FACTORY);
        assertThat(text(factory, "resource-adapter")).isEqualTo(ADAPTER);
        assertThat(text(factory, "transactional")).isEqualTo("true");
    }

    @Test
    void definesEachTopicByItsPhysicalNameOnTheConfiguredAdapter() {
        Map<String, String> topics = new LinkedHashMap<>();
        NodeList destinations = webXml.getElementsByTagName("jms-destination");
        for (int i = 0; i < destinations.getLength(); i++) {
            Element destination = (Element) destinations.item(i);
            assertThat(text(destination, "interface-name")).isEqualTo("jakarta.jms.Topic");
            assertThat(text(destination, "resource-adapter")).isEqualTo(ADAPTER);
            Element property = child(destination, "property");
            assertThat(text(property, "name")).isEqualTo("PhysicalName");
            assertThat(text(property, "value")).isEqualTo(text(destination, "destination-name"));
            topics.put(text(destination, "name"), text(destination, "destination-name"));
        }
        assertThat(topics).isEqualTo(Map.of(
                JmsResources.RESTARTS, JmsResources.RESTARTS_TOPIC,
                JmsResources.ACKS, JmsResources.ACKS_TOPIC,
                JmsResources.DEAD_LETTERS, JmsResources.DEAD_LETTER_TOPIC));
    }

    static Element single(String tag) {
        NodeList nodes = webXml.getElementsByTagName(tag);
        assertThat(nodes.getLength()).isEqualTo(1);
        return (Element) nodes.item(0);
    }

    /** The text of the one direct child element named tag. */
    static String text(Element parent, String tag) {
        return child(parent, tag).getTextContent().trim();
    }

    static Element child(Element parent, String tag) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(tag)) {
                children.add(element);
            }
        }
        assertThat(children).hasSize(1);
        return children.get(0);
    }
}
