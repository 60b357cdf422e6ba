/** Caravan's composition root: builds the beans of every package below from the settings and starts Camel; nothing imports it. */
package dev.caravan;
