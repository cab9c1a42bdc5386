package io.mayhem.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.mayhem.monitoring.Stats;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * server-config/grafana/mayhem.json: every query names only metrics that GET /metrics exports (the names taken
 * from a real scrape of {@link PrometheusStats}, not a list kept here), and it has the live page's plots.
 */
class GrafanaDashboardTest {

    static final Path DASHBOARD = Path.of("server-config/grafana/mayhem.json");
    static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right", "bool",
            "and", "or", "unless", "offset", "inf", "nan");
    static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*(?![\\w(])(?!\\s*\\()");

    @Test
    void everyQueryNamesOnlyMetricsTheServiceExports() throws IOException {
        Set<String> exported = ExpositionText.parse(Scrape.text(new Stats(() -> 0), "i:1")).sampleNames();
        List<String> queries = queries(dashboard());

        assertThat(queries).as("queries in the dashboard").hasSizeGreaterThan(10);
        for (String query : queries) {
            assertThat(metricNames(query)).as(query).isNotEmpty().isSubsetOf(exported);
        }
    }

    @Test
    void hasAPanelForEachPlotOfTheLivePage() throws IOException {
        List<String> plots = new ArrayList<>();
        Matcher caption = Pattern.compile("<figcaption[^>]*>([^<]+)</figcaption>")
                .matcher(Files.readString(Path.of("src/main/webapp/index.html")));
        while (caption.find()) {
            plots.add(caption.group(1));
        }
        List<String> titles = dashboard().getJsonArray("panels").getValuesAs(JsonObject.class).stream()
                .map(p -> p.getString("title")).toList();

        assertThat(plots).hasSize(3);
        assertThat(titles).containsAll(plots);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sum(rate(mayhem_acked_total{instance=~\"$instance\"}[$__rate_interval]))|mayhem_acked_total",
            "histogram_quantile(0.99, sum by (le) (rate(mayhem_handling_seconds_bucket[5m])))|mayhem_handling_seconds_bucket",
            "sum without (instance) (mayhem_in_flight) / on (job) group_left count(mayhem_paused offset 1h)|mayhem_in_flight mayhem_paused",
            "label_values(mayhem_acked_total, instance)|mayhem_acked_total",
            "mayhem_failed_total{reason=\"a metric_name in a string\"} > 1e3 and mayhem_unknown_total|mayhem_failed_total mayhem_unknown_total"})
    void findsTheMetricNamesInAQuery(String query, String names) {
        assertThat(metricNames(query)).containsExactly(names.split(" "));
    }

    /** The metric names a PromQL query selects: no functions, keywords, labels, strings, durations or numbers. */
    static Set<String> metricNames(String query) {
        String q = query.replaceAll("^label_values\\(\\s*([^,)]*),.*", "$1") // Grafana's: the metric, then a label
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(q);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group().toLowerCase())) {
                names.add(m.group());
            }
        }
        return names;
    }

    private static JsonObject dashboard() throws IOException {
        try (Reader reader = Files.newBufferedReader(DASHBOARD)) {
            return Json.createReader(reader).readObject();
        }
    }

    /** Every panel target's expr (rows included) and every templating query. */
    private static List<String> queries(JsonObject dashboard) {
        List<String> queries = new ArrayList<>();
        collectExprs(dashboard.get("panels"), queries);
        for (JsonObject variable : dashboard.getJsonObject("templating").getJsonArray("list").getValuesAs(JsonObject.class)) {
            if (variable.getString("type").equals("query")) {
                JsonValue query = variable.get("query");
                queries.add(query instanceof JsonString s ? s.getString() : query.asJsonObject().getString("query"));
            }
        }
        return queries;
    }

    private static void collectExprs(JsonValue value, List<String> queries) {
        if (value instanceof JsonObject object) {
            object.forEach((key, child) -> {
                if (key.equals("expr")) {
                    queries.add(((JsonString) child).getString());
                } else {
                    collectExprs(child, queries);
                }
            });
        } else if (value != null && value.getValueType() == JsonValue.ValueType.ARRAY) {
            value.asJsonArray().forEach(child -> collectExprs(child, queries));
        }
    }
}
