package io.mayhem.publishing;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** One of a configured list of instance names ({@code mayhem.publisher.targets=list:a,b,c}), drawn at random. */
public final class FixedTargets implements Targets {

    private final List<String> names;
    private final RandomGenerator random;

    /** @param names the instance names, host labels (validated by {@code configuration.PublisherTargets}) */
    public FixedTargets(List<String> names, RandomGenerator random) {
        this.names = List.copyOf(names);
        this.random = random;
    }

    @Override
    public Optional<String> next() {
        return names.isEmpty() ? Optional.empty() : Optional.of(names.get(random.nextInt(names.size())));
    }
}
