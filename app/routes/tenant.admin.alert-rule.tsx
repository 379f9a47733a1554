// Placeholder until the page lands.
export default function Placeholder() {
  return null;
}
