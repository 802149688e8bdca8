package io.openluffy.api;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import java.nio.file.Path;
import java.util.List;

/** One Playwright driver and one headless Debian Chromium per test JVM (starting them costs seconds), closed at exit. */
final class Chromium {
    /** Debian's package; Playwright's own browser builds cannot be downloaded here (see .ci/run). */
    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    private static Browser browser;

    private Chromium() {
    }

    static synchronized Browser browser() {
        if (browser == null) {
            Playwright playwright = Playwright.create();
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE).setArgs(List.of("--disable-gpu", "--disable-quic")));
            Runtime.getRuntime().addShutdownHook(new Thread(playwright::close));
        }
        return browser;
    }
}
