export default function Unused() {
  return <marquee>unused-member-marker</marquee>;
}
