/** See css.mjs: the post-build step that writes dist/graph-view.css. */
export function graphViewCss(): Promise<string>;
