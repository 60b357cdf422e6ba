/**
 * Job webhooks (docs/decisions/0016-webhooks.md): callback_url, the signed event, the allow-list that keeps
 * callbacks off the server's own network, the delivery route's steps and the record of its attempts;
 * imports jobs, operations, store and core.
 */
package dev.caravan.webhooks;
