package io.beizeng.config;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Persons living in each district: one figure for every year, or figures by year (a year without one takes the
 * latest year before it that has one). The city's is the sum of its districts'.
 *
 * @param byDistrict per district, figures by year ({@link Integer#MIN_VALUE}: a figure for every year)
 */
public record Population(Map<String, NavigableMap<Integer, Long>> byDistrict) implements Serializable {
    public static final Population NONE = new Population(Map.of());

    public boolean isEmpty() {
        return byDistrict.isEmpty();
    }

    /** The district's population in a year, or null without one. */
    public Long of(String district, int year) {
        NavigableMap<Integer, Long> figures = byDistrict.get(district);
        Map.Entry<Integer, Long> e = figures == null ? null : figures.floorEntry(year);
        return e == null ? null : e.getValue();
    }

    /** The city's population in a year: the sum of its districts', or null unless every district has one. */
    public Long city(List<Region> districts, int year) {
        long sum = 0;
        for (Region d : districts) {
            Long p = of(d.code(), year);
            if (p == null) {
                return null;
            }
            sum += p;
        }
        return sum;
    }
}
