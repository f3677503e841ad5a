package io.rivulet.samples.clicks;

import io.rivulet.samples.window.Click;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes a realistic clickstream from a seed: a few pages get most of the views (Zipf-like), a few
 * hundred users and a couple of bots click, and event times are those of mobile and web clients — most
 * arrive a moment after they happened, some out of order by a few seconds, and a few minutes late
 * (a phone that was offline). Pure and deterministic: the same seed and the same {@code now} values
 * give the same clicks.
 *
 * <p>Threading: not thread-safe (it owns a {@link Random}).
 */
public final class ClickGenerator {
    /** The pages, most viewed first. */
    public static final List<String> PAGES = List.of("/home", "/pricing", "/docs", "/docs/start", "/blog/kappa",
            "/signup", "/blog/lambda", "/docs/api", "/login", "/about", "/careers", "/contact");
    private static final int USERS = 300;
    private static final int BOTS = 3;

    private final Random random;
    private final double[] cumulative = new double[PAGES.size()];
    private final long jitterMillis;
    private final long lateMillis;

    /**
     * A generator whose out-of-order clicks trail by up to {@code jitterMillis} and whose late clicks
     * trail by {@code lateMillis} to twice that.
     */
    public ClickGenerator(long seed, long jitterMillis, long lateMillis) {
        this.random = new Random(seed);
        this.jitterMillis = jitterMillis;
        this.lateMillis = lateMillis;
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    /** A click that reaches the log at {@code now}; its event time is {@code now} or before. */
    public Click next(long now) {
        String page = page(random.nextDouble());
        String user = random.nextInt(20) == 0 ? "bot-" + random.nextInt(BOTS) : "user-" + random.nextInt(USERS);
        double kind = random.nextDouble();
        long delay;
        if (kind < 0.85) {
            delay = random.nextInt(50);                                 // on time
        } else if (kind < 0.97) {
            delay = (long) (random.nextDouble() * jitterMillis);        // out of order
        } else {
            delay = lateMillis + (long) (random.nextDouble() * lateMillis); // late
        }
        return new Click(user, page, Math.max(0, now - delay));
    }

    /** {@code count} clicks reaching the log every {@code gapMillis} from {@code startMillis}. */
    public List<Click> take(int count, long startMillis, long gapMillis) {
        List<Click> clicks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            clicks.add(next(startMillis + i * gapMillis));
        }
        return clicks;
    }

    private String page(double u) {
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return PAGES.get(i);
            }
        }
        return PAGES.get(PAGES.size() - 1);
    }
}
