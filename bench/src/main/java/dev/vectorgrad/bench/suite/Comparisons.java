package dev.vectorgrad.bench.suite;

import dev.vectorgrad.bench.compare.Comparison;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every comparison in the suite, by name; a new comparison is one line here. */
public final class Comparisons {

    private static final Map<String, Comparison> ALL = new LinkedHashMap<>();

    static {
        register(new AddInPlace());
        register(new AddOut());
        register(new AddNew());
        register(new Broadcast());
        register(new AddTransposed());
        register(new Mul());
        register(new Exp());
        register(new ExpNew());
        register(new Copy());
        register(new Sum());
        register(SumDim.inner());
        register(SumDim.outer());
        register(Cumsum.fresh());
        register(Cumsum.out());
        register(Mm.square());
        register(Mm.skinny());
        register(new MmLayouts());
    }

    private Comparisons() {}

    private static void register(Comparison comparison) {
        if (ALL.putIfAbsent(comparison.name(), comparison) != null) {
            throw new IllegalStateException("two comparisons named " + comparison.name());
        }
    }

    /** All comparisons, in report order. */
    public static List<Comparison> all() {
        return List.copyOf(ALL.values());
    }

    /** The comparison called {@code name}; throws naming the known ones otherwise. */
    public static Comparison get(String name) {
        Comparison comparison = ALL.get(name);
        if (comparison == null) {
            throw new IllegalArgumentException("no comparison '" + name + "'; known: " + ALL.keySet());
        }
        return comparison;
    }
}
