// What every rpm database backend yields: the header blobs it stores, each with a name for messages.
// The blob format is rpm's header (https://rpm-software-management.github.io/rpm/manual/format_header.html).

export interface StoredHeader {
  /** Where the blob sits in its database, for warnings ("hnum 12", "slot 7", "page 4 item 2"). */
  where: string;
  blob: Buffer;
}
