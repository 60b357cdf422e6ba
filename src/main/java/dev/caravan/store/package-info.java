/** The store: embedded Derby or PostgreSQL (all but SQL and searches so far; SqlDialect says what differs), tables, typed values, record writes and the write turns per table; imports only core. */
package dev.caravan.store;
