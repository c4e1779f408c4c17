import { useState } from 'react';

declare const __ISLAND_COMPILER__: string; // `define` in astro.config.mjs

export interface LikeButtonProps {
  label: string;
  initial: number;
}

/** A React island: server-rendered by Astro, hydrated in the browser (client:load). */
export function LikeButton({ label, initial }: LikeButtonProps) {
  const [likes, setLikes] = useState<number>(initial);
  const [liked, setLiked] = useState(false);
  const toggle = () => {
    setLiked(!liked);
    setLikes((n) => n + (liked ? -1 : 1));
  };
  return (
    <div className="like">
      <button type="button" aria-pressed={liked} onClick={toggle}>
        {label} ({likes})
      </button>
      <small>compiled by {__ISLAND_COMPILER__}</small>
      <style jsx>{`
        .like {
          margin-top: 12px;
        }
        button {
          border: 2px solid rgb(120, 40, 200);
          background-color: rgb(250, 240, 255);
        }
      `}</style>
    </div>
  );
}
