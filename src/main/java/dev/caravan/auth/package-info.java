/** Users, roles, passwords and the permission checks every operation applies; imports store and core. */
package dev.caravan.auth;
