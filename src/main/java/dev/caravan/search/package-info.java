/** search_by_* and SQL: conditions, translation to Derby SQL, reads with the caller's rights; imports ops, operations, auth, store and core. */
package dev.caravan.search;
