/** The export jobs (export_local, export_to_s3): the checked search, the output (format, gzip) and the targets; imports search, jobs, s3, formats and the packages below them. */
package dev.caravan.export;
