/** The part of fs-native-extensions (file locks with prebuilt binaries) that the portal uses. */
declare module "fs-native-extensions" {
  /** Non-blocking exclusive (or shared) lock on an open file; false when another holder has it. */
  export function tryLock(fd: number, offset?: number, length?: number, options?: { shared?: boolean }): boolean;
  export function unlock(fd: number, offset?: number, length?: number): void;
  const fsx: { tryLock: typeof tryLock; unlock: typeof unlock };
  export default fsx;
}
