package io.beizeng.progress;

import io.beizeng.model.DistrictProgressRow;
import io.beizeng.model.ProgressAlert;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts of a month that has become final, a pure function of its rows and of what each series remembers of
 * the final months before: {@code STATUS_CHANGED} when a region's status for an indicator differs from the previous
 * final month's, {@code LAST_THREE_MONTHS} when a district ranks last for the third final month running. Final
 * figures never change, so each alert is raised once.
 */
public final class ProgressAlerts {
    private ProgressAlerts() {}

    /** A region's figures of one indicator, month after month. */
    public record Series(String regionCode, String indicator) {}

    /** What a series remembers: its status in the last final month, and the final months running it ranked last. */
    public record Memory(String status, int lastStreak) {}

    /** The alerts raised, and the memory of each series after this month. */
    public record Outcome(List<ProgressAlert> alerts, Map<Series, Memory> memory) {}

    /**
     * @param rows every row of the final month
     * @param before the memory of the series of those rows (absent: no final month before)
     */
    public static Outcome raise(List<DistrictProgressRow> rows, Map<Series, Memory> before) {
        Map<String, Integer> ranked = new HashMap<>();
        for (DistrictProgressRow row : rows) {
            if (row.rank() != null) {
                ranked.merge(row.indicator(), 1, Integer::sum);
            }
        }
        List<ProgressAlert> alerts = new ArrayList<>();
        Map<Series, Memory> after = new HashMap<>();
        for (DistrictProgressRow row : rows) {
            Series series = new Series(row.regionCode(), row.indicator());
            Memory memory = before.get(series);
            String previous = memory == null ? null : memory.status();
            if (previous != null && !previous.equals(row.status())) {
                alerts.add(alert(row, ProgressAlert.STATUS_CHANGED, previous));
            }
            int streak = memory == null ? 0 : memory.lastStreak();
            if (row.rank() != null) {
                boolean last = row.rank().equals(ranked.get(row.indicator()));
                streak = last ? streak + 1 : 0;
                if (streak == 3) {
                    alerts.add(alert(row, ProgressAlert.LAST_THREE_MONTHS, previous));
                }
            }
            after.put(series, new Memory(row.status(), streak));
        }
        return new Outcome(alerts, after);
    }

    private static ProgressAlert alert(DistrictProgressRow r, String kind, String previousStatus) {
        return new ProgressAlert(r.planId(), r.regionCode(), r.regionLevel(), r.indicator(), r.year(), r.month(), kind,
                previousStatus, r.status(), r.rank(), r.completionRatio(), r.timeProgress(), r.ytdValue(),
                r.annualTarget());
    }
}
