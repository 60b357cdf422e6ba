/** S3 clients, credentials and failures shared by import and export; imports jobs and core. */
package dev.caravan.s3;
