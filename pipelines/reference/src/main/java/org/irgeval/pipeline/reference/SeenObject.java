package org.irgeval.pipeline.reference;

/**
 * An object the {@link SceneReader} found in a reference drawing.
 *
 * @param code     the class code painted in the object's marker ({@link SceneObject#code()})
 * @param x1       left edge (inclusive), pixels
 * @param y1       top edge (inclusive)
 * @param x2       right edge (exclusive), like mmdet's mask2bbox
 * @param y2       bottom edge (exclusive)
 * @param mask     row-major mask of the object's pixels over the whole image ({@code width*height} entries)
 * @param meanRgb  mean colour of the object's body pixels, 0xRRGGBB
 * @param score    confidence in [0,1] (marker decode quality)
 */
public record SeenObject(int code, int x1, int y1, int x2, int y2, boolean[] mask, int meanRgb, double score) {}
