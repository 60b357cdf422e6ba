/** The embedded Derby store: tables, typed values, record writes and the write turns per table; imports only core. */
package dev.caravan.store;
