/** GET /metrics and GET /health: the job meters, meters from other services' getters, the health checks and who may read them; imports jobs, formats, auth, store and core. */
package dev.caravan.observability;
