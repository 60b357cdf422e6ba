package dev.caravan;

import org.apache.camel.main.Main;

/** Starts Caravan: everything else is configuration (config/application.properties) and routes/. */
public final class Caravan {
    private Caravan() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main(Caravan.class);
        // The external file wins over the jar's defaults (the first location defining a key wins).
        main.setDefaultPropertyPlaceholderLocation(
                "file:config/application.properties;optional=true,classpath:application.properties;optional=true");
        main.run(args);
    }
}
