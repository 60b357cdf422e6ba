/** S3 clients, credentials and failures shared by import and export; imports jobs, operations (a job's request) and core. */
package dev.caravan.s3;
