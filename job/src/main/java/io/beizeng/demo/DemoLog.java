package io.beizeng.demo;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;

/** The demo's logs go to a file in its data directory, so that the terminal shows the board alone. */
final class DemoLog {
    private DemoLog() {}

    /** Sends every log line of this JVM to {@code file} (warnings, and beizeng's own news); false if it cannot. */
    static boolean toFile(Path file) {
        try {
            ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
            b.setConfigurationName("beizeng-demo");
            b.add(b.newAppender("file", "File").addAttribute("fileName", file.toString())
                    .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d{HH:mm:ss.SSS} %-5p %c{1} - %m%n")));
            b.add(b.newRootLogger(Level.WARN).add(b.newAppenderRef("file")));
            b.add(b.newLogger("io.beizeng", Level.INFO));
            b.add(b.newLogger("org.apache.kafka", Level.ERROR));
            Configurator.reconfigure(b.build());
            return true;
        } catch (RuntimeException | LinkageError notLog4j) {
            return false; // another logging backend: its own configuration stands
        }
    }
}
