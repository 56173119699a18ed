package io.beizeng;

/** Entry point of the local jar ({@code java -jar beizeng-local.jar …}): exits with the command's code. */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        System.exit(BeizengCommand.execute(args));
    }
}
