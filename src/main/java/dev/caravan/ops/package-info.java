/** Schema, record, user and role operations; imports operations, auth, store and core. */
package dev.caravan.ops;
