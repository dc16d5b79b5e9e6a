// Types of dist-freshness.js (plain JavaScript: it runs before anything is compiled).
export declare const STAMP_FILE: string
export declare function sourceHash(root: string): string
export declare function distIsCurrent(root: string): boolean
