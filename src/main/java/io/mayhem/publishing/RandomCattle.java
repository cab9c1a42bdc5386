package io.mayhem.publishing;

import java.util.Optional;
import java.util.random.RandomGenerator;

/** The original's targets: {@code cattle-} and 4 characters of {@code [a-z0-9]}, drawn at random. */
public final class RandomCattle implements Targets {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final RandomGenerator random;

    public RandomCattle(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public Optional<String> next() {
        StringBuilder name = new StringBuilder("cattle-");
        for (int i = 0; i < 4; i++) {
            name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return Optional.of(name.toString());
    }
}
