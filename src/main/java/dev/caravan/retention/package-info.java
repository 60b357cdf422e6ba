/** delete_records_before as a job; imports jobs, ops, operations, store and core. */
package dev.caravan.retention;
