/** The web console's server side: its static app from the classpath and the rejects-file download; imports jobs, load, auth and core. */
package dev.caravan.console;
