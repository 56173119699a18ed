package io.beizeng.testing;

import io.beizeng.config.Plan;
import io.beizeng.config.PlanLoader;
import java.nio.file.Path;

/** The shipped sample plans, as tests see them (tests run in the job module's directory). */
public final class TestPlans {
    public static final Path ZAOZHUANG_FILE = Path.of("..", "schemas", "plans", "zaozhuang-sample.json");
    public static final Path PINGDU_FILE = Path.of("..", "schemas", "plans", "pingdu-sample.json");

    private TestPlans() {}

    public static Plan zaozhuang() {
        return PlanLoader.load(ZAOZHUANG_FILE);
    }
}
