/** The store: embedded Derby (PostgreSQL for the job-side tables so far, SqlDialect says what differs), tables, typed values, record writes and the write turns per table; imports only core. */
package dev.caravan.store;
