package io.mayhem.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The test's reader of the text format finds what breaks the format's rules (so a scrape it reads keeps them). */
class ExpositionTextTest {

    static final String HISTOGRAM = """
            # HELP h_seconds Time.
            # TYPE h_seconds histogram
            h_seconds_bucket{le="0.5"} 1
            h_seconds_bucket{le="1.0"} 3
            h_seconds_bucket{le="+Inf"} 3
            h_seconds_count 3
            h_seconds_sum 1.7
            """;

    @Test
    void readsFamiliesTypesHelpLabelsAndValues() {
        ExpositionText text = ExpositionText.parse("""
                # HELP c_total Counts\\\\things\\nhere.
                # TYPE c_total counter
                c_total{instance="a \\"b\\" \\\\ c\\nd",job="x",} 12.0 1700000000000
                # a comment

                # TYPE g gauge
                g -Inf
                """ + HISTOGRAM);

        assertThat(text.families()).containsOnlyKeys("c_total", "g", "h_seconds");
        assertThat(text.families().get("c_total").help()).isEqualTo("Counts\\things\nhere.");
        assertThat(text.sample("c_total", Map.of("instance", "a \"b\" \\ c\nd", "job", "x")).get().value()).isEqualTo(12);
        assertThat(text.sample("g", Map.of()).get().value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(text.sampleNames()).contains("h_seconds_bucket", "h_seconds_count", "h_seconds_sum");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no newline at the end|# TYPE g gauge\\ng 1|newline",
            "a sample without a TYPE|g 1\\n|outside its family",
            "a family in two groups|# TYPE a gauge\\na 1\\n# TYPE b gauge\\nb 1\\n# TYPE a gauge\\na{x=\"1\"} 2\\n|second TYPE",
            "a sample of another family|# TYPE a gauge\\nb 1\\n|outside its family",
            "an unknown type|# TYPE a meter\\na 1\\n|HELP or TYPE line",
            "a bad escape|# TYPE a gauge\\na{x=\"\\t\"} 1\\n|broken",
            "an unclosed label value|# TYPE a gauge\\na{x=\"1} 1\\n|broken",
            "a repeated label|# TYPE a gauge\\na{x=\"1\",x=\"2\"} 1\\n|repeated",
            "a reserved label name|# TYPE a gauge\\na{__x=\"1\"} 1\\n|reserved",
            "a series twice|# TYPE a gauge\\na{x=\"1\"} 1\\na{x=\"1\"} 2\\n|twice",
            "a value that is not a float|# TYPE a gauge\\na 1,5\\n|not a float",
            "a bad metric name|# TYPE a gauge\\n1a 1\\n|not a HELP",
            "a second HELP|# HELP a x\\n# HELP a y\\n|second HELP",
            "a bad escape in HELP|# HELP a x\\ty\\n|HELP or TYPE line",
            "a counter sample with another suffix|# TYPE c counter\\nc_count 1\\n|outside its family",
            "buckets not cumulative|# TYPE h histogram\\nh_bucket{le=\"1\"} 2\\nh_bucket{le=\"+Inf\"} 1\\nh_count 1\\nh_sum 1\\n|cumulative",
            "buckets not ascending|# TYPE h histogram\\nh_bucket{le=\"2\"} 1\\nh_bucket{le=\"1\"} 1\\nh_bucket{le=\"+Inf\"} 1\\nh_count 1\\nh_sum 1\\n|ascending",
            "no +Inf bucket|# TYPE h histogram\\nh_bucket{le=\"1\"} 1\\nh_count 1\\nh_sum 1\\n|+Inf",
            "+Inf not the count|# TYPE h histogram\\nh_bucket{le=\"+Inf\"} 1\\nh_count 2\\nh_sum 1\\n|+Inf",
            "a bucket without le|# TYPE h histogram\\nh_bucket 1\\nh_count 1\\nh_sum 1\\n|without le",
            "no count|# TYPE h histogram\\nh_bucket{le=\"+Inf\"} 1\\nh_sum 1\\n|no _count",
            "no sum|# TYPE h histogram\\nh_bucket{le=\"+Inf\"} 1\\nh_count 1\\n|no _sum"})
    void refuses(String name, String text, String why) {
        Throwable refused = catchThrowable(() -> ExpositionText.parse(text.replace("\\n", "\n")));

        assertThat(refused).as(name).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why);
    }
}
